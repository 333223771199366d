// Runs s3rver on 127.0.0.1 (random free port) in its own process, for the S3 and Lambda tests.
// argv: <directory> <bucket>... ; prints {"port":N} once listening; exits when stdin closes
// (the parent died or let go) or on SIGTERM.
import S3rver from 's3rver';

const [directory, ...buckets] = process.argv.slice(2);
const cors = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><ExposeHeader>Content-Encoding</ExposeHeader></CORSRule></CORSConfiguration>`;
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: buckets.map((name) => ({ name, configs: [cors] })),
});

// s3rver 3.7.1 prunes every folder below a common prefix before it looks for objects in it, so a
// `Delimiter: '/'` listing never returns CommonPrefixes: list without the delimiter and group here.
// (No pagination for delimiter listings: the tests' listings stay below MaxKeys.)
const listObjects = server.store.listObjects.bind(server.store);
server.store.listObjects = async (bucket, options) => {
  const { delimiter, prefix = '', maxKeys = Number.POSITIVE_INFINITY } = options;
  if (!delimiter) return listObjects(bucket, options);
  const all = await listObjects(bucket, { ...options, delimiter: '', maxKeys: Number.POSITIVE_INFINITY });
  const objects = [];
  const commonPrefixes = new Set();
  for (const object of all.objects) {
    const at = object.key.indexOf(delimiter, prefix.length);
    if (at === -1) objects.push(object);
    else commonPrefixes.add(object.key.slice(0, at + delimiter.length));
  }
  return {
    objects: objects.slice(0, maxKeys),
    commonPrefixes: [...commonPrefixes].sort(),
    isTruncated: objects.length > maxKeys,
  };
};
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await server.close().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
