/**
 * Platform twins: `X.ts(x)` is the mini-program's, `X.h5.ts(x)` beside it the browser's (Taro picks
 * it for the H5 build). tsc holds each pair to exactly the same exports with the same types, so
 * their signatures cannot drift; twins.test.ts checks every twin on disk is listed here.
 */
import type * as ActionButton from '@/components/ActionButton'
import type * as ActionButtonH5 from '@/components/ActionButton.h5'
import type * as AgreeButton from '@/components/AgreeButton'
import type * as AgreeButtonH5 from '@/components/AgreeButton.h5'
import type * as browserA11y from '@/components/browserA11y'
import type * as browserA11yH5 from '@/components/browserA11y.h5'
import type * as PageTitle from '@/components/PageTitle'
import type * as PageTitleH5 from '@/components/PageTitle.h5'
import type * as ShareToFamily from '@/components/ShareToFamily'
import type * as ShareToFamilyH5 from '@/components/ShareToFamily.h5'
import type * as Spoken from '@/components/Spoken'
import type * as SpokenH5 from '@/components/Spoken.h5'
import type * as Tappable from '@/components/Tappable'
import type * as TappableH5 from '@/components/Tappable.h5'
import type * as loginCode from '@/services/http/loginCode'
import type * as loginCodeH5 from '@/services/http/loginCode.h5'
import type * as phone from '@/services/phone'
import type * as phoneH5 from '@/services/phone.h5'
import type * as receiptImage from '@/services/receiptImage'
import type * as receiptImageH5 from '@/services/receiptImage.h5'
import type * as reminder from '@/services/reminder'
import type * as reminderH5 from '@/services/reminder.h5'
import type * as systemFont from '@/services/systemFont'
import type * as systemFontH5 from '@/services/systemFont.h5'
import type * as wechatPay from '@/services/wechatPay'
import type * as wechatPayH5 from '@/services/wechatPay.h5'

/** true only when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
/** Compiles only for two identical types. */
const same = <A, B>(..._proof: Same<A, B> extends true ? [] : [never]): true => true

export const CHECKED_TWINS = {
  'components/ActionButton': same<typeof ActionButton, typeof ActionButtonH5>(),
  'components/AgreeButton': same<typeof AgreeButton, typeof AgreeButtonH5>(),
  'components/browserA11y': same<typeof browserA11y, typeof browserA11yH5>(),
  'components/PageTitle': same<typeof PageTitle, typeof PageTitleH5>(),
  'components/ShareToFamily': same<typeof ShareToFamily, typeof ShareToFamilyH5>(),
  'components/Spoken': same<typeof Spoken, typeof SpokenH5>(),
  'components/Tappable': same<typeof Tappable, typeof TappableH5>(),
  'services/http/loginCode': same<typeof loginCode, typeof loginCodeH5>(),
  'services/phone': same<typeof phone, typeof phoneH5>(),
  'services/receiptImage': same<typeof receiptImage, typeof receiptImageH5>(),
  'services/reminder': same<typeof reminder, typeof reminderH5>(),
  'services/systemFont': same<typeof systemFont, typeof systemFontH5>(),
  'services/wechatPay': same<typeof wechatPay, typeof wechatPayH5>(),
}
