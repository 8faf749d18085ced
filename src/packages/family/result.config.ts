export default definePageConfig({ navigationBarTitleText: '全家缴费结果' })
