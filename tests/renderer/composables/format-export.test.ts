import { describe, expect, it } from 'vitest';
import { formatBytes, formatDelta, shortHash } from '../../../renderer/src/composables/format-export';

describe('export formatting', () => {
  it('shows max |Δ| compactly, a mismatch as ∞', () => {
    expect(formatDelta(3.14e-7)).toBe('3.1e-7');
    expect(formatDelta(0)).toBe('0');
    expect(formatDelta(null)).toBe('∞');
  });

  it('shows sizes and short hashes', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(14_541)).toBe('14.2 KB');
    expect(formatBytes(3_565_158)).toBe('3.4 MB');
    expect(formatBytes(null)).toBe('—');
    expect(shortHash('0123456789abcdef')).toBe('0123456789ab');
  });
});
