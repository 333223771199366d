/**
 * The `cloudtrail-chime` executable (built to `dist/cli.js`): runs {@link main} with the
 * process's arguments and streams and sets the exit code.
 *
 * @module
 */
import { EXIT, main } from './main.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // the reader went away (`| head`): stop quietly
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  throw error;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
