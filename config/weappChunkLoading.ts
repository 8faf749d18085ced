/**
 * Lets the weapp build load webpack's async chunks (`import()`) the WeChat way. A chunk placed
 * under a subpackage root is fetched with `require.async` (分包异步化, base library ≥ 2.11.2),
 * which downloads that subpackage if needed and runs the file; the file then registers its
 * modules through the runtime's usual webpackJsonp push. Webpack's own loader would add a
 * <script> tag, which a mini-program does not have.
 */
import type { Compiler } from 'webpack'

export class WeappChunkLoadingPlugin {
  apply(compiler: Compiler): void {
    const { RuntimeGlobals, RuntimeModule, Template } = compiler.webpack

    class RequireAsyncChunkModule extends RuntimeModule {
      constructor() {
        super('load chunk with require.async', RuntimeModule.STAGE_ATTACH)
      }
      generate(): string {
        // runtime.js sits at the package root, so a chunk's file name is its path from here.
        return Template.asString([
          `${RuntimeGlobals.loadScript} = function (url, done, key, chunkId) {`,
          Template.indent([
            `require.async('./' + ${RuntimeGlobals.getChunkScriptFilename}(chunkId)).then(`,
            Template.indent([
              "function () { done({ type: 'load', target: { src: url } }); },",
              "function () { done({ type: 'error', target: { src: url } }); }",
            ]),
            ');',
          ]),
          '};',
        ])
      }
    }

    compiler.hooks.thisCompilation.tap('WeappChunkLoadingPlugin', (compilation) => {
      // Taps before webpack's own LoadScriptRuntimeModule and bails, so that one is never added.
      compilation.hooks.runtimeRequirementInTree
        .for(RuntimeGlobals.loadScript)
        .tap({ name: 'WeappChunkLoadingPlugin', stage: -10 }, (chunk, set) => {
          set.add(RuntimeGlobals.getChunkScriptFilename)
          compilation.addRuntimeModule(chunk, new RequireAsyncChunkModule())
          return true
        })
    })
  }
}
