/**
 * Asks before a step that cannot be taken back (signing, deleting, submitting, switching off).
 * The browser's own dialog: modal, read by screen readers, answered with the keyboard.
 */
export const confirmed = (question: string): boolean => window.confirm(question);
