// SPDX-License-Identifier: LGPL-2.1-or-later
// Validate RDF files against SHACL shapes with rdf-validate-shacl, an
// engine independent of kll's own RDF stack.
//   node validate.mjs [--warnings] SHAPES.ttl... -- DATA.ttl...
// One line per result of severity Violation (and Warning with --warnings;
// otherwise one line counts the warnings of a file; Info results are left
// out); exit status 1 when any Violation is found, 2 when a file cannot be
// read or parsed.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

const SH = 'http://www.w3.org/ns/shacl#';

function parse(path) {
	const base = pathToFileURL(path).href;
	const parser = new N3.Parser({ baseIRI: base, format: 'text/turtle' });
	return parser.parse(readFileSync(path, 'utf8'));
}

function show(term) {
	if (!term)
		return '';
	if (term.termType === 'NamedNode')
		return '<' + term.value + '>';
	if (term.termType === 'BlankNode')
		return '(a property path)';
	return JSON.stringify(term.value);
}

let args = process.argv.slice(2);
const showWarnings = args[0] === '--warnings';
if (showWarnings)
	args = args.slice(1);
const sep = args.indexOf('--');
if (sep < 1 || sep === args.length - 1) {
	console.error('usage: node validate.mjs SHAPES.ttl... -- DATA.ttl...');
	process.exit(2);
}
let shapes = [];
let violations = 0;
try {
	for (const f of args.slice(0, sep))
		shapes = shapes.concat(parse(f));
} catch (e) {
	console.error(`shacl: ${e.message}`);
	process.exit(2);
}
for (const file of args.slice(sep + 1)) {
	let data;
	try {
		data = new N3.Store(parse(file));
	} catch (e) {
		console.error(`shacl: ${file}: ${e.message}`);
		process.exit(2);
	}
	const validator = new SHACLValidator(shapes);
	const report = await validator.validate(data);
	const lines = [];
	let warnings = 0;
	for (const r of report.results) {
		const sev = r.severity ? r.severity.value.replace(SH, '') : 'Violation';
		if (sev === 'Info')
			continue;
		if (sev === 'Warning' && !showWarnings) {
			warnings++;
			continue;
		}
		if (sev === 'Violation')
			violations++;
		const msg = (r.message || []).map((m) => m.value).join('; ');
		const comp = r.sourceConstraintComponent
			? r.sourceConstraintComponent.value.replace(SH, 'sh:') : '';
		lines.push(`${file}: ${sev.toLowerCase()}: ${show(r.focusNode)}` +
			(r.path ? ` ${show(r.path)}` : '') +
			`: ${msg || comp} [${comp}]`);
	}
	for (const l of lines.sort())
		console.log(l);
	if (warnings > 0)
		console.log(`${file}: ${warnings} warning${warnings > 1 ? 's' : ''}` +
			' (recommended practices: --warnings, or KLL_SHACL_WARNINGS=1 in run.sh, lists them)');
}
process.exit(violations > 0 ? 1 : 0);
