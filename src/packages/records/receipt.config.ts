export default definePageConfig({ navigationBarTitleText: '电子缴费凭证' })
