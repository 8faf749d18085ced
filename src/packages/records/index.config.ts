export default definePageConfig({ navigationBarTitleText: '缴费记录查询', enablePullDownRefresh: true, backgroundTextStyle: 'dark' })
