export default definePageConfig({ navigationBarTitleText: '全部缴纳' })
