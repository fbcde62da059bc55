// shell.openExternal gets only https links to the named documentation hosts; everything else is refused and noted.
import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_HOSTS, isAllowedExternalUrl, openExternalIfAllowed } from '../../../electron/main/external-links';

describe('external links', () => {
  it('allows https to the listed hosts, exactly', () => {
    expect(EXTERNAL_LINK_HOSTS).toContain('github.com');
    for (const url of [
      'https://github.com/',
      'https://onnx.ai/onnx/operators/onnx__LSTM.html',
      'https://pytorch.org/docs/stable/generated/torch.nn.LSTM.html',
      'https://GitHub.com/x',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
  });

  it('refuses other schemes, hosts, lookalikes, ports and credentials', () => {
    for (const url of [
      'http://github.com/',
      'file:///etc/passwd',
      'smb://server/share',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'https://evil.example/',
      'https://github.com.evil.example/',
      'https://gist.github.com/',
      'https://github.com:8443/',
      'https://user@github.com/',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('opens an allowed link and notes a refused one', async () => {
    const opened: string[] = [];
    const notices: string[] = [];
    const open = async (url: string) => {
      opened.push(url);
    };
    await openExternalIfAllowed(open, 'https://github.com/seqlab', (line) => notices.push(line));
    await openExternalIfAllowed(open, 'file:///bin/sh', (line) => notices.push(line));
    expect(opened).toEqual(['https://github.com/seqlab']);
    expect(notices).toEqual([expect.stringContaining('refused to open "file:///bin/sh"')]);
  });

  it('opens the link as the URL parser writes it, not the raw text the page gave', async () => {
    const opened: string[] = [];
    const open = async (url: string) => {
      opened.push(url);
    };
    await openExternalIfAllowed(open, 'https://github.com/a\nb c', () => undefined);
    await openExternalIfAllowed(open, '  https://GITHUB.com/x', () => undefined);
    expect(opened).toEqual(['https://github.com/ab%20c', 'https://github.com/x']);
  });

  it('notes a failure to open instead of rejecting', async () => {
    const notices: string[] = [];
    await openExternalIfAllowed(
      () => Promise.reject(new Error('no browser')),
      'https://github.com/',
      (line) => notices.push(line),
    );
    expect(notices).toEqual(['could not open https://github.com/: no browser']);
  });
});
