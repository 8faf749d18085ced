import { EMPTY_FORM, flowReducer, initialFlowState } from './payFlow'
import { ERR, run, ready, confirm } from './payFlow.testkit'

describe('payer lookup', () => {
  const typed = run(
    initialFlowState,
    { type: 'start', mode: 'other' },
    { type: 'form_changed', field: 'name', value: '张建国' },
    { type: 'form_changed', field: 'idNumber', value: '510104199003071237' },
  )

  it('a second lookup_started while loading stays loading', () => {
    const loading = flowReducer(typed, { type: 'lookup_started' })
    expect(loading.lookup).toEqual({ status: 'loading' })
    // The very same state comes back, so the page neither re-renders nor fires a second lookup.
    expect(flowReducer(loading, { type: 'lookup_started' })).toBe(loading)
  })

  it('a failed lookup keeps what was typed and shows the error', () => {
    const failed = run(typed, { type: 'lookup_started' }, { type: 'lookup_failed', error: ERR })
    expect(failed.lookup).toEqual({ status: 'error', error: ERR })
    expect(failed.form).toEqual({ name: '张建国', idType: 'resident_id', idNumber: '510104199003071237' })
  })

  it('editing the form clears a lookup error and keeps the other fields', () => {
    const failed = run(typed, { type: 'lookup_started' }, { type: 'lookup_failed', error: ERR })
    const edited = flowReducer(failed, { type: 'form_changed', field: 'idNumber', value: '11010519491231002X' })
    expect(edited.lookup).toEqual({ status: 'idle' })
    expect(edited.form).toEqual({ name: '张建国', idType: 'resident_id', idNumber: '11010519491231002X' })
  })

  it('editing the form does not disturb a finished lookup', () => {
    const found = run(typed, { type: 'lookup_started' }, { type: 'lookup_succeeded', payerRef: 'P-REF-2' })
    const edited = flowReducer(found, { type: 'form_changed', field: 'name', value: '张建' })
    expect(edited.lookup).toEqual({ status: 'done' })
    expect(edited.payerRef).toBe('P-REF-2')
  })

  it('a new lookup forgets the previous payer and selection', () => {
    const again = flowReducer(ready, { type: 'lookup_started' })
    expect(again.payerRef).toBeUndefined()
    expect(again.selection).toBeUndefined()
    expect(flowReducer(again, confirm('K9')).payment).toEqual({ step: 'idle' })
  })

  it('a new journey never shows the previous person\'s number; a failed lookup keeps it', () => {
    const failed = run(typed, { type: 'lookup_started' }, { type: 'lookup_failed', error: ERR })
    expect(failed.form).toEqual(typed.form)
    const restartOther = flowReducer(failed, { type: 'start', mode: 'other' })
    expect(restartOther.form).toEqual(EMPTY_FORM)
    expect(restartOther.lookup).toEqual({ status: 'idle' })
    expect(restartOther.mode).toBe('other')
    const restartSelf = flowReducer(failed, { type: 'start', mode: 'self' })
    expect(restartSelf.form).toEqual(EMPTY_FORM)
    expect(restartSelf.mode).toBe('self')
  })

})
