/** The mini-program's own modal is a native dialog, and its pages never slide sideways: nothing to do. */
export function makeBrowserAccessible(): void {}
