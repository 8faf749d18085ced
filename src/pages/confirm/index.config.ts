export default definePageConfig({ navigationBarTitleText: '确认缴费信息' })
