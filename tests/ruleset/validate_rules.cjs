// Validates rule files against rules/schema.json with ajv, the way an
// editor would, so the schema shipped to rule authors agrees with the
// loader: every rules/**/*.json rule and testdata/rules/valid/*.json must
// pass; every testdata/rules/invalid/*.json must fail, except the cases
// listed in testdata/rules/schema_cannot_express.json (checks only the
// loader can make), which must pass so the list stays honest.
// Usage: node validate_rules.cjs <source dir> <node_modules dir>
'use strict';
const fs = require('fs');
const path = require('path');

const [sourceDir, nodeModules] = process.argv.slice(2);
if (!sourceDir || !nodeModules) {
  console.error('usage: node validate_rules.cjs <source dir> <node_modules>');
  process.exit(2);
}
let Ajv2020;
try {
  Ajv2020 = require(path.join(nodeModules, 'ajv', 'dist', '2020')).default;
} catch (e) {
  console.error(`cannot load ajv from ${nodeModules} (run npm ci): ${e.message}`);
  process.exit(2);
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const rel = (file) => path.relative(sourceDir, file);
const jsonFiles = (dir, recursive) => {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && recursive) out.push(...jsonFiles(full, true));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
};

// strictRequired would flag `required` inside if/then branches, which is how
// per-action parameters are expressed; every other strict check stays on.
const ajv = new Ajv2020({
  allErrors: true, strict: true, strictTypes: false, strictRequired: false,
});
const validate = ajv.compile(readJson(path.join(sourceDir, 'rules', 'schema.json')));

const rulesDir = path.join(sourceDir, 'rules');
const mustPass = [
  ...jsonFiles(rulesDir, true).filter(
    (f) => !['schema.json', 'proxies.json'].includes(path.relative(rulesDir, f))),
  ...jsonFiles(path.join(sourceDir, 'testdata', 'rules', 'valid'), false),
];
const loaderOnly = readJson(
  path.join(sourceDir, 'testdata', 'rules', 'schema_cannot_express.json'));
const invalid = jsonFiles(path.join(sourceDir, 'testdata', 'rules', 'invalid'), false);

let failures = 0;
const check = (file) => {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { ok: false, why: `not JSON: ${e.message}` };
  }
  const ok = validate(doc);
  return { ok, why: ok ? '' : ajv.errorsText(validate.errors) };
};

for (const file of mustPass) {
  const r = check(file);
  if (!r.ok) {
    failures++;
    console.log(`FAIL ${rel(file)}: rejected by the schema: ${r.why}`);
  } else {
    console.log(`ok   ${rel(file)}`);
  }
}
for (const file of invalid) {
  const name = path.basename(file, '.json');
  const r = check(file);
  const expectOk = Object.prototype.hasOwnProperty.call(loaderOnly, name);
  if (r.ok !== expectOk) {
    failures++;
    console.log(expectOk
      ? `FAIL ${rel(file)}: listed in schema_cannot_express.json but the schema rejects it: ${r.why}`
      : `FAIL ${rel(file)}: the schema accepts a rule the loader rejects`);
  } else {
    console.log(`ok   ${rel(file)} (${expectOk ? 'loader only' : 'rejected'})`);
  }
}
for (const name of Object.keys(loaderOnly)) {
  if (!invalid.some((f) => path.basename(f, '.json') === name)) {
    failures++;
    console.log(`FAIL schema_cannot_express.json names '${name}', which does not exist`);
  }
}
console.log(`${mustPass.length + invalid.length} files, ${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
