export default definePageConfig({ navigationBarTitleText: '常用缴费人' })
