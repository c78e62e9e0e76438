// Go's encoding/json/indent.go: Indent, as docker's inspect prints the API's JSON.

/** encoding/json.Indent with no prefix: empty objects and arrays stay "{}" and "[]". */
export function indentJSON(json: string, indent = '    '): string {
  let out = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      out += c;
      if (c === '\\') out += json[++i];
      else if (c === '"') inString = false;
      continue;
    }
    switch (c) {
      case '"':
        inString = true;
        out += c;
        break;
      case '{':
      case '[':
        if (json[i + 1] === (c === '{' ? '}' : ']')) {
          out += c + json[++i];
          break;
        }
        depth++;
        out += `${c}\n${indent.repeat(depth)}`;
        break;
      case '}':
      case ']':
        depth--;
        out += `\n${indent.repeat(depth)}${c}`;
        break;
      case ',':
        out += `,\n${indent.repeat(depth)}`;
        break;
      case ':':
        out += ': ';
        break;
      default:
        out += c;
    }
  }
  return out;
}
