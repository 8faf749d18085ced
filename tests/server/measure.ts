/**
 * Measures the server once (not part of npm test): start time, and p50/p99 of each contract
 * call over 1,000 sequential calls through the checked client.
 *   npx tsx tests/server/measure.ts            (embedded PGlite)
 *   npx tsx tests/server/measure.ts --postgres (a throwaway PostgreSQL)
 */
import { performance } from 'node:perf_hooks'
import type { FamilyOrderItemRequest, Method } from '@/contract'
import { findPersonById } from '@/services/mock/registry'
import { DEMO_FIXTURES } from '../unit/contract/demoFixtures'
import { lookupOther, userClient } from './httpClient'
import { startPostgres } from './postgres'
import { startServerProcess } from './serverProcess'

const CALLS = 1_000

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

async function main(): Promise<void> {
  const pg = process.argv.includes('--postgres') ? await startPostgres() : undefined
  const server = await startServerProcess({ databaseUrl: pg?.url })
  await server.restart() // the second start: an existing data folder / migrated database
  try {
    const user = await userClient(server.url, 'demo')
    const api = user.backend
    const self = await api.lookupPayer({ mode: 'self' })
    const other = await lookupOther(api)
    const year = (await api.listDueItems({ payerRef: self.payerRef })).resident!.years[0].coverageYear
    const selection = { kind: 'resident' as const, coverageYear: year }
    const open = await api.createOrder({ idempotencyKey: 'measure_open', payerRef: self.payerRef, selection })
    const paid = await api.createOrder({ idempotencyKey: 'measure_paid', payerRef: other.payerRef, selection })
    await user.pay((await api.startPayment({ orderId: paid.orderId })).attemptId, 'pay')
    const flex = DEMO_FIXTURES.flexible
    const flexRef = (await api.lookupPayer({ mode: 'other', name: flex.name, idType: flex.idType, idNumber: flex.idNumber })).payerRef
    const flexDue = (await api.listDueItems({ payerRef: flexRef })).flexible!
    const share = await api.createShareToken({ payerRef: self.payerRef, selection })
    // 全部缴纳: people of their own for each measured family order, so that one call's live orders do not close another's.
    const familyItems = async (ids: string[]): Promise<FamilyOrderItemRequest[]> =>
      Promise.all(ids.map(async (id) => {
        const p = findPersonById(id)!
        const { payerRef } = await api.lookupPayer({ mode: 'other', name: p.name, idType: p.idType, idNumber: p.idNumber })
        const coverageYear = (await api.listDueItems({ payerRef })).resident!.years[0].coverageYear
        return { payerRef, selection: { kind: 'resident' as const, coverageYear } }
      }))
    const newFamily = await familyItems(['p09', 'p11'])
    const openFamily = await api.createFamilyOrder({ idempotencyKey: 'measure_family_open', items: await familyItems(['p14']) })
    const paidFamily = await api.createFamilyOrder({ idempotencyKey: 'measure_family_paid', items: await familyItems(['p06', 'p07']) })
    await user.pay((await api.startFamilyPayment({ familyOrderId: paidFamily.familyOrderId })).attemptId, 'pay')
    let n = 0
    const calls: Record<Method, () => Promise<unknown>> = {
      lookupPayer: () => (n % 2 ? api.lookupPayer({ mode: 'self' }) : lookupOther(api)),
      listDueItems: () => api.listDueItems({ payerRef: self.payerRef }),
      // A new key each time for the same person-period: the live order is handed back.
      createOrder: () => api.createOrder({ idempotencyKey: `measure_${n}`, payerRef: self.payerRef, selection }),
      startPayment: () => api.startPayment({ orderId: open.orderId }),
      queryOrder: () => api.queryOrder({ orderId: paid.orderId }),
      cashierReturned: () => api.cashierReturned({ orderId: paid.orderId, result: 'cancel' }),
      listRecords: () => api.listRecords({}),
      getReceipt: () => api.getReceipt({ orderId: paid.orderId }),
      createShareToken: () => api.createShareToken({ payerRef: flexRef, selection: { kind: 'flexible', months: [flexDue.months[0].month], tierCode: flexDue.defaultTierCode } }),
      openShareToken: () => api.openShareToken({ token: share.token }),
      // A new key each time for the same two people: the previous family order gives its periods up to the new one.
      createFamilyOrder: () => api.createFamilyOrder({ idempotencyKey: `measure_family_${n}`, items: newFamily }),
      startFamilyPayment: () => api.startFamilyPayment({ familyOrderId: openFamily.familyOrderId }),
      queryFamilyOrder: () => api.queryFamilyOrder({ familyOrderId: paidFamily.familyOrderId }),
      familyCashierReturned: () => api.familyCashierReturned({ familyOrderId: paidFamily.familyOrderId, result: 'cancel' }),
    }
    console.log(`storage: ${pg ? 'PostgreSQL' : 'embedded PGlite'}; start: ${server.startTimes.map((t) => `${t} ms`).join(' (new), ')} (existing data)`)
    console.log(`${'method'.padEnd(22)} p50 ms   p99 ms`)
    for (const [method, call] of Object.entries(calls)) {
      const times: number[] = []
      for (n = 0; n < CALLS; n++) {
        const started = performance.now()
        await call()
        times.push(performance.now() - started)
      }
      times.sort((a, b) => a - b)
      console.log(`${method.padEnd(22)} ${percentile(times, 50).toFixed(1).padStart(7)} ${percentile(times, 99).toFixed(1).padStart(8)}`)
    }
  } finally {
    await server.stop()
    await pg?.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
