// Go's encoding/csv (reader.go), as far as docker reads one record of a CSV option.

/**
 * Go's encoding/csv reading of one line, as docker splits its CSV options (`--secret`, pflag's
 * stringSlice). An empty line is one empty field.
 */
export function csvRecord(value: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= value.length) {
    if (value[i] === '"') {
      let field = '';
      i++;
      for (;;) {
        if (i >= value.length)
          throw new Error(`parse error on line 1, column ${value.length + 1}: extraneous or missing " in quoted-field`);
        if (value[i] === '"') {
          if (value[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += value[i++];
      }
      fields.push(field);
      i++; // the comma
    } else {
      const end = value.indexOf(',', i);
      fields.push(end < 0 ? value.slice(i) : value.slice(i, end));
      if (end < 0) break;
      i = end + 1;
    }
  }
  return fields;
}
