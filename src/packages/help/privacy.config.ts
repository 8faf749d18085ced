export default definePageConfig({ navigationBarTitleText: '隐私保护指引', enableShareAppMessage: true, enableShareTimeline: true })
