#!/usr/bin/env node
// Validate an APL document, its datasources and the commands sent with it using
// Amazon's offline validator (the npm package apl-suggester).
//
//   node validate.js DOCUMENT.json [DATASOURCES.json] [--commands COMMANDS.json]
//   node validate.js --batch JOBS.json
//
// DATASOURCES.json is the RenderDocument directive's `datasources` object;
// COMMANDS.json is the `commands` array of an ExecuteCommands directive. Prints
// one JSON object on stdout: {"errors": [...], "warnings": [...]}, each entry
// {"path": ..., "message": ...}. With --batch, JOBS.json is a list of
// {"name", "document", "datasources", "commands"} (file paths; the last two may
// be left out) and the output maps each name to its report: one process for
// many checks. Exits 0 when it could validate (whatever it found), 2 on bad
// arguments or unreadable input.
'use strict';

const fs = require('fs');
const path = require('path');

// The validator logs notes with console.log; stdout carries only the report.
for (const name of ['log', 'info', 'warn', 'debug']) {
  console[name] = (...args) => process.stderr.write(args.join(' ') + '\n');
}

const suggesterMain = require.resolve('apl-suggester');
// Imported packages are fetched over the network by the validator; the tests
// are offline, so any fetch fails at once instead of reaching out.
const axios = require(require.resolve('axios', { paths: [path.dirname(suggesterMain)] }));
axios.defaults.adapter = () => Promise.reject(new Error('network access is disabled'));

const { StaticAplTemplateValidator, ErrorController } = require('apl-suggester');
const { CommandSchemaValidator } = require(
  path.join(path.dirname(suggesterMain), 'CommandSchemaValidator'),
);

function usage(message) {
  process.stderr.write(`${message}\nusage: node validate.js DOCUMENT.json [DATASOURCES.json] [--commands COMMANDS.json]\n       node validate.js --batch JOBS.json\n`);
  process.exit(2);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    usage(`cannot read ${file}: ${error.message}`);
  }
  return undefined;
}

function parseArgs(argv) {
  const files = [];
  let commands;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--commands') {
      if (i + 1 >= argv.length) usage('--commands needs a file');
      commands = argv[i + 1];
      i += 1;
    } else {
      files.push(argv[i]);
    }
  }
  if (files.length < 1 || files.length > 2) usage('expected a document and at most one datasources file');
  return { document: files[0], datasources: files[1], commands };
}

function entry(pathText, message) {
  return { path: pathText, message: String(message) };
}

// Every command of a list, nested ones (Sequential, Parallel, ...) included,
// with its JSON path.
function* walkCommands(commands, where) {
  if (!Array.isArray(commands)) return;
  for (let i = 0; i < commands.length; i += 1) {
    const command = commands[i];
    const at = `${where}/${i}`;
    yield [command, at];
    for (const key of ['commands', 'catch', 'finally', 'otherwise']) {
      if (command && Array.isArray(command[key])) yield* walkCommands(command[key], `${at}/${key}`);
    }
  }
}

const errors = [];
ErrorController.getInstance().setErrorInterface({
  sendError: (error) => {
    const placeholders = error.placeholders || {};
    errors.push(entry(placeholders.path || '/', `${error.code}: ${error.message || ''} ${JSON.stringify(placeholders)}`.trim()));
  },
});
const validator = new StaticAplTemplateValidator();

async function validate(document, datasources, commands) {
  errors.length = 0;
  const warnings = [];
  const sort = (found) => {
    for (const item of found) {
      const target = item.level === 'ERROR' ? errors : warnings;
      target.push(entry(item.path, item.errorMessage));
    }
  };
  if (Array.isArray(document.import) && document.import.length > 0) {
    errors.push(entry('/import', 'imported packages cannot be validated offline'));
  }
  sort(await validator.validate(document));
  if (datasources !== undefined) sort(await validator.validateDataSources(datasources));
  if (commands !== undefined) {
    if (!Array.isArray(commands)) {
      errors.push(entry('/commands', 'commands must be an array'));
    } else {
      const schemas = CommandSchemaValidator.getInstance();
      const known = Array.from(CommandSchemaValidator.COMMAND_TYPE_TO_JSON_SCHEMA.keys());
      for (const [command, at] of walkCommands(commands, '/commands')) {
        if (!command || !known.includes(command.type)) {
          errors.push(entry(`${at}/type`, `unknown command type ${JSON.stringify(command && command.type)}`));
          continue;
        }
        for (const found of schemas.validateCommand(command, command.type)) {
          const target = found.level === 'ERROR' ? errors : warnings;
          target.push(entry(at + (found.path === '/' ? '' : found.path), found.errorMessage));
        }
      }
    }
  }
  return { errors: errors.slice(), warnings };
}

const optional = (file) => (file ? readJson(file) : undefined);

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--batch') {
    if (argv.length !== 2) usage('--batch takes one file');
    const jobs = readJson(argv[1]);
    if (!Array.isArray(jobs)) usage(`${argv[1]} must hold a list of jobs`);
    const reports = {};
    for (const job of jobs) {
      if (!job || typeof job.name !== 'string' || typeof job.document !== 'string') {
        usage('each job needs a name and a document');
      }
      reports[job.name] = await validate(readJson(job.document), optional(job.datasources), optional(job.commands));
    }
    process.stdout.write(JSON.stringify(reports) + '\n');
    return;
  }
  const args = parseArgs(argv);
  const report = await validate(readJson(args.document), optional(args.datasources), optional(args.commands));
  process.stdout.write(JSON.stringify(report) + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
