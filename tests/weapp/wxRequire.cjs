/**
 * Jest transform for the compiled weapp files: gives a module the `require.async` WeChat gives
 * every module (分包异步化). Here every subpackage is already "downloaded", so it resolves with
 * the module on the next microtask, or rejects as WeChat does ({ mod, errMsg }).
 */
const POLYFILL =
  'require.async = (p) => Promise.resolve().then(() => { try { return require(p) } catch (e) { throw { mod: p, errMsg: String(e) } } });\n'

module.exports = {
  process(source) {
    return { code: source.includes('require.async') ? POLYFILL + source : source }
  },
}
