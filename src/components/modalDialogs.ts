/** The mini-program's own modal is a native dialog already: nothing to do. */
export function makeModalsDialogs(): void {}
