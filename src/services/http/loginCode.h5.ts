/** The H5 preview has no wx.login: it signs in as the development server's demo user. */
export async function loginCode(): Promise<string> {
  return 'demo'
}
