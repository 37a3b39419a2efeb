import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface Size {
  columns: number;
  rows: number;
}

/** The terminal size, updated on resize; `fixed` values win (tests, and callers that know better). */
export function useTerminalSize(fixed: Partial<Size> = {}): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({ columns: fixed.columns ?? (stdout.columns || 80), rows: fixed.rows ?? (stdout.rows || 24) });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed.columns, fixed.rows]);
  const now = read();
  return now.columns === size.columns && now.rows === size.rows ? size : now;
}
