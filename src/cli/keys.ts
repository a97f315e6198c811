import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { generateKeyPair } from '../access/signature.ts';
import { PolityError } from '../kernel/errors.ts';
import { emit, type JsonOption, warn } from './output.ts';

interface KeysNewOptions extends JsonOption {
  out?: string;
}

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('Ed25519 keys for signing commands');
  keys
    .command('new')
    .description('generate an Ed25519 key pair')
    .option('--out <file>', 'write the key pair to this new file (mode 0600) and print only the public key')
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nThe file holds {"publicKey","privateKey"} as base64url (raw 32-byte key and seed); it is never overwritten.')
    .action((options: KeysNewOptions) => {
      const pair = generateKeyPair();
      if (options.out === undefined) {
        warn('the private key is printed below; anyone who sees it can sign as you. Use --out FILE to keep it in a file only you can read.');
        emit(options, pair, () => [`publicKey:  ${pair.publicKey}`, `privateKey: ${pair.privateKey}`]);
        return;
      }
      const path = resolve(options.out);
      writeKeyFile(path, `${JSON.stringify(pair, null, 2)}\n`);
      emit(options, { publicKey: pair.publicKey, privateKeyFile: path }, () => [`publicKey: ${pair.publicKey}`, `private key written to ${path} (mode 0600)`]);
    });
}

/** `wx` refuses an existing file: overwriting a private key would lose an identity. */
function writeKeyFile(path: string, text: string): void {
  try {
    writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new PolityError('file_exists', `${path} already exists; choose another --out file`);
    if (code === 'ENOENT' || code === 'EACCES') throw new PolityError('file_not_writable', `cannot write ${path} (${code})`);
    throw error;
  }
}
