import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import path from 'node:path'
import { WeappChunkLoadingPlugin } from './weappChunkLoading'

// Both targets build from the same source into separate folders so one never overwrites the other.
export default defineConfig<'webpack5'>(async (merge) => {
  const env = process.env.TARO_ENV ?? 'weapp'
  // The benchmark builds its one-page baseline (bench/bare) with exactly these settings.
  const bare = process.env.YIBAO_BENCH_BARE === '1'
  // YIBAO_OUTPUT_ROOT: a second build beside the usual one (tier 2 and 3's builds against the server).
  const outputRoot = bare ? `bench/out/bare/${env}` : (process.env.YIBAO_OUTPUT_ROOT ?? `dist/${env}`)
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'yibao-jiaofei',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: bare ? 'bench/bare/src' : 'src',
    outputRoot,
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    // WeChat's screen reader needs aria-role/aria-label in the compiled templates (config/weappA11y.cjs).
    plugins: env === 'weapp' ? [path.resolve(__dirname, 'weappA11y.cjs')] : [],
    defineConstants: {},
    // Build-time choices (TARO_APP_BACKEND: which file of src/services/adapters; TARO_APP_TEST_HOOKS=1:
    // a build for the tier-2/3 tests, with the mock's knobs on globalThis). Always defined, so a
    // production build drops the unused branches and carries no test hook.
    env: {
      TARO_APP_BACKEND: JSON.stringify(process.env.TARO_APP_BACKEND || 'mock'),
      TARO_APP_TEST_HOOKS: JSON.stringify(process.env.TARO_APP_TEST_HOOKS === '1' ? '1' : ''),
      // With TARO_APP_BACKEND=http: the merchant server's origin ('' = the H5 page's own origin).
      TARO_APP_SERVER_URL: JSON.stringify(process.env.TARO_APP_SERVER_URL ?? ''),
    },
    // WeChat search reads sitemap.json from the weapp's root (app.config's sitemapLocation).
    // Shipped as its rules alone, without the source's description and indentation: every byte
    // outside a subpackage counts against the main package.
    copy: {
      patterns: env === 'weapp' && !bare ? [{ from: 'src/sitemap.json', to: `${outputRoot}/sitemap.json`, transform: (content: Buffer) => JSON.stringify({ rules: JSON.parse(content.toString()).rules }) }] : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    // The weapp a11y plugin is loaded by path, not imported: name it so editing it renews the cache.
    cache: {
      enable: process.env.CI !== 'true',
      buildDependencies: { a11y: ['weappA11y.cjs', 'weappA11y.runtime.js', 'weappA11y.components.json'].map((f) => path.resolve(__dirname, f)) },
    },
    // Taro's terser escapes every non-ASCII character (ascii_only), which turns each Chinese
    // character of our messages from 3 bytes into 6; WeChat and browsers read UTF-8 as it is.
    terser: { enable: true, config: { output: { ascii_only: false } } },
    mini: {
      optimizeMainPackage: { enable: true },
      webpackChain(chain) {
        chain.plugin('weappChunkLoading').use(WeappChunkLoadingPlugin)
        // Taro's shared chunks (common, vendors, taro) are for the pages' start; an import()ed
        // chunk keeps its own modules instead of pulling them into the main package.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'initial' })
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      devServer: { host: '127.0.0.1', port: 10086, open: false },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return merge({}, base)
})
