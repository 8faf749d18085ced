export interface ReminderResult {
  ok: boolean
  message: string
}
