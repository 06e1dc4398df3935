import './skip-link.css';

interface Props {
  /** On the matrix page the link goes to the grid; elsewhere to the page's main content. */
  toGrid: boolean;
}

/** The first thing Tab reaches: jumps past the top bar and the navigation (hidden until focused). */
export function SkipLink({ toGrid }: Props) {
  return (
    <a
      className="skip-link"
      href="#"
      data-testid="skip-link"
      onClick={(e) => {
        // The app routes by the URL's hash: the link must not change it.
        e.preventDefault();
        const grid = toGrid ? document.querySelector<HTMLElement>('[data-testid="matrix-grid"]') : null;
        const target = grid ?? document.querySelector<HTMLElement>('main');
        if (!target) return;
        if (!grid) target.tabIndex = -1;
        target.focus();
      }}
    >
      {toGrid ? 'Skip to the access matrix grid' : 'Skip to main content'}
    </a>
  );
}
