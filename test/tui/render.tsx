import { render } from 'ink-testing-library';
import { App, type RunState } from '../../src/report/tui/app.tsx';

export const KEY = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageDown: '\u001b[6~',
  enter: '\r',
  escape: '\u001b',
  backspace: '\u007f',
  tab: '\t',
} as const;

// ink reads input on 'readable' and flushes a lone Escape on the next turn of the event loop.
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface Session {
  /** The last frame, with trailing spaces cut from each line. */
  frame(): string;
  /** Frames written so far: one per render. */
  frameCount(): number;
  /** Sends keys one at a time, as a person types them, and waits for the app to settle. */
  press(...keys: string[]): Promise<string>;
  rerender(run: RunState, size?: { columns?: number; rows?: number }): void;
  unmount(): void;
  quits: number;
  reruns: number;
}

export function open(run: RunState, size: { columns?: number; rows?: number } = { columns: 80, rows: 24 }): Session {
  const element = (r: RunState, s: { columns?: number; rows?: number }) => (
    <App run={r} target="mesh/" color={false} columns={s.columns} rows={s.rows} onQuit={() => session.quits++} onRerun={() => session.reruns++} />
  );
  const app = render(element(run, size));
  const session: Session = {
    quits: 0,
    reruns: 0,
    frameCount: () => app.frames.length,
    frame: () => (app.lastFrame() ?? '').split('\n').map((l) => l.trimEnd()).join('\n'),
    async press(...keys) {
      for (const k of keys) {
        app.stdin.write(k);
        await turn();
        await turn();
      }
      return session.frame();
    },
    rerender: (r, s = size) => app.rerender(element(r, s)),
    unmount: () => app.unmount(),
  };
  return session;
}

/** Lines of a frame, for assertions on one row. */
export function rows(frame: string): string[] {
  return frame.split('\n');
}
