/**
 * Jest transform for the compiled weapp files: gives a module the `require.async` WeChat gives
 * every module (分包异步化). A subpackage "downloads" on the next microtask; tests read the calls
 * and can make a download fail, as WeChat reports it ({ mod, errMsg }), through
 * globalThis.__wxRequireAsync = { calls, fail(path) }.
 */
const POLYFILL = `require.async = (p) => Promise.resolve().then(() => {
  const wxRequire = (globalThis.__wxRequireAsync ??= { calls: [], fail: undefined });
  wxRequire.calls.push(p);
  if (wxRequire.fail && wxRequire.fail(p)) throw { mod: p, errMsg: 'require.async:fail download failed' };
  try { return require(p) } catch (e) { throw { mod: p, errMsg: String(e) } }
});
`

const crypto = require('node:crypto')

module.exports = {
  // Jest caches transforms by file content only: the polyfill's own text must be part of the key.
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update(POLYFILL).update(filename).update(source).digest('hex')
  },
  process(source) {
    return { code: source.includes('require.async') ? POLYFILL + source : source }
  },
}
