/** What closing the wizard keeps, in the words of what happened: a preview alone changed nothing. */
export function closeWords(changed: boolean): string {
  return changed
    ? 'What its steps already did stays done, and a note on the page keeps its Undo until you dismiss it; the steps not finished yet are not kept.'
    : 'Nothing has been changed yet (a preview changes nothing). The choices made in this wizard are not kept.';
}
