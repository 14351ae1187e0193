/**
 * Utilities.formatString: "similar to the C sprintf" (https://developers.google.com/apps-script/reference/utilities/utilities#formatString(String,Object...)).
 * Supports %s %d %i %f %e %x %o %c %%, flags - + 0 and space, width and precision.
 */
export function formatString(template: string, ...args: unknown[]): string {
  let i = 0;
  return String(template).replace(
    /%([-+ 0]*)(\d+)?(?:\.(\d+))?([sdifexoc%])/g,
    (_m, flags: string, width?: string, precision?: string, conv?: string) => {
      if (conv === '%') return '%';
      const arg = args[i++];
      let out: string;
      const p = precision === undefined ? undefined : Number(precision);
      switch (conv) {
        case 'd':
        case 'i':
          out = String(Math.trunc(Number(arg)));
          break;
        case 'f':
          out = Number(arg).toFixed(p ?? 6);
          break;
        case 'e':
          out = Number(arg).toExponential(p ?? 6);
          break;
        case 'x':
          out = Math.trunc(Number(arg)).toString(16);
          break;
        case 'o':
          out = Math.trunc(Number(arg)).toString(8);
          break;
        case 'c':
          out = typeof arg === 'number' ? String.fromCharCode(arg) : String(arg).charAt(0);
          break;
        default:
          out = String(arg);
          if (p !== undefined) out = out.slice(0, p);
      }
      const numeric = conv !== 's' && conv !== 'c';
      if (numeric && flags.includes('+') && !out.startsWith('-')) out = '+' + out;
      else if (numeric && flags.includes(' ') && !out.startsWith('-')) out = ' ' + out;
      const w = width === undefined ? 0 : Number(width);
      if (out.length < w) {
        if (flags.includes('-')) out = out.padEnd(w);
        else if (flags.includes('0') && numeric) {
          const sign = /^[-+ ]/.test(out) ? out.charAt(0) : '';
          out = sign + out.slice(sign.length).padStart(w - sign.length, '0');
        } else out = out.padStart(w);
      }
      return out;
    },
  );
}
