export default defineAppConfig({
  // The main package holds the entry and the payment flow; everything around it is a subpackage.
  pages: ['pages/home/index', 'pages/payer/index', 'pages/items/index', 'pages/confirm/index', 'pages/pay/index', 'pages/result/index'],
  subPackages: [
    { root: 'packages/records', pages: ['index', 'receipt'] },
    // The public pages besides home: 常见问题与服务热线, 隐私保护指引, 缴费标准与缴费时间 (they share the hotlines).
    { root: 'packages/help', pages: ['index', 'privacy', 'policy'] },
    // 常用缴费人, and 全部缴纳's confirm and result pages (opened from home's family board).
    { root: 'packages/family', pages: ['index', 'pay', 'result'] },
    { root: 'packages/share', pages: ['index'] },
    // The demo backend: its page, and the adapter chunk every backend call loads (services/index.ts).
    { root: 'packages/backend', pages: ['index'] },
  ],
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/backend', 'packages/records', 'packages/help', 'packages/family'] },
    'pages/result/index': { network: 'all', packages: ['packages/records'] },
  },
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#ededed',
    navigationBarBackgroundColor: '#ededed',
    navigationBarTitleText: '医保缴费',
    navigationBarTextStyle: 'black',
  },
  lazyCodeLoading: 'requiredComponents',
  sitemapLocation: 'sitemap.json',
})
