export default definePageConfig({ navigationBarTitleText: '缴费人信息' })
