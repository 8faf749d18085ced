export default definePageConfig({ navigationBarTitleText: '缴费支付' })
