// Go's io/fs FileMode (fs.go String): a file mode as Go prints it, "-r--r--r--".
import { goFormat, goNumber, goType } from '../reflect/value.js';

/** os.FileMode: prints "-r--r--r--", marshals as the number (292). */
export class GoFileMode {
  constructor(readonly mode: number) {
    Object.defineProperty(this, goType, { value: 'fs.FileMode' });
  }
  [goFormat](): string {
    const str = 'dalTLDpSugct?';
    let out = '';
    for (let i = 0; i < str.length; i++) if ((this.mode >>> (31 - i)) & 1) out += str[i];
    if (out === '') out = '-';
    const rwx = 'rwxrwxrwx';
    for (let i = 0; i < 9; i++) out += (this.mode >>> (8 - i)) & 1 ? rwx[i] : '-';
    return out;
  }
  /** a uint32 underneath: %o prints the permission bits (400), %d the number */
  [goNumber](): number {
    return this.mode;
  }
  toJSON(): number {
    return this.mode;
  }
  String(): string {
    return this[goFormat]();
  }
}
