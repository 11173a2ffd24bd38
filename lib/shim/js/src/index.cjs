// keyshift-shim for CommonJS: `const { wrap } = require('keyshift-shim')`.
// The ES module sources in this folder are the only implementation; this
// entry loads them as CommonJS at require() time, so it works on every Node
// the `openai` package supports, with or without require(esm), and there is
// nothing to build or download. The sources keep to a subset this loader
// checks line by line: single-line `import { … } from '…'`, `export { … }
// from '…'` and `export const|let|class|function` declarations; anything
// else is an error naming the file and line.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const kImport = /^import \{([^}]*)\} from '([^']+)';\s*$/;
const kReexport = /^export \{([^}]*)\} from '([^']+)';\s*$/;
const kDeclaration = /^export ((?:async )?function\*? |class |const |let )([A-Za-z_$][\w$]*)/;

function names(list) {
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const m = /^([A-Za-z_$][\w$]*)(?: as ([A-Za-z_$][\w$]*))?$/.exec(s);
    if (m === null) throw new Error(`unsupported import name '${s}'`);
    return [m[1], m[2] ?? m[1]]; // [imported, local]
  });
}

/** The CommonJS text of one ES module of this package. */
function toCommonJs(source, file) {
  const exported = [];
  const reexports = [];
  const out = source.split('\n').map((line, i) => {
    const where = () => `${file}:${i + 1}`;
    if (/\bimport\s*\(|\bimport\.meta\b/.test(line)) {
      throw new Error(`keyshift-shim: ${where()}: dynamic import is not supported in CommonJS`);
    }
    if (!line.startsWith('import') && !line.startsWith('export')) return line;
    let m = kImport.exec(line);
    if (m !== null) {
      const binds = names(m[1]).map(([from, local]) => (from === local ? from : `${from}: ${local}`));
      return `const { ${binds.join(', ')} } = __load(${JSON.stringify(m[2])});`;
    }
    m = kReexport.exec(line);
    if (m !== null) {
      reexports.push([m[2], names(m[1])]);
      return '';
    }
    m = kDeclaration.exec(line);
    if (m !== null) {
      exported.push(m[2]);
      return line.slice('export '.length);
    }
    throw new Error(`keyshift-shim: ${where()}: not in the subset the CommonJS loader reads`);
  });
  // Getters, defined first: like ES module bindings they are live, and a
  // cycle sees the names before the module body has run.
  const head = exported.map((n) =>
    `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => ${n} });`);
  for (const [spec, list] of reexports) {
    head.push(`{ const m = __load(${JSON.stringify(spec)});`);
    for (const [from, as] of list) {
      head.push(`  Object.defineProperty(exports, ${JSON.stringify(as)}, ` +
                `{ enumerable: true, get: () => m[${JSON.stringify(from)}] });`);
    }
    head.push('}');
  }
  return `'use strict';\n${head.join('\n')}\n${out.join('\n')}`;
}

const cache = new Map();

function load(file) {
  const hit = cache.get(file);
  if (hit !== undefined) return hit.exports;
  const mod = { exports: {} };
  cache.set(file, mod);
  const dir = path.dirname(file);
  const load1 = (spec) => (spec.startsWith('.') ? load(path.resolve(dir, spec)) : require(spec));
  const fn = vm.compileFunction(toCommonJs(fs.readFileSync(file, 'utf8'), file),
                                ['exports', '__load'], { filename: file });
  fn(mod.exports, load1);
  return mod.exports;
}

module.exports = load(path.join(__dirname, 'index.js'));
