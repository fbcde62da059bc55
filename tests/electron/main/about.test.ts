// The About panel says which SeqLab this is and which database it works on.
import { describe, expect, it } from 'vitest';
import { ABOUT_BUTTONS, aboutMessageBox } from '../../../electron/main/about';

describe('About panel', () => {
  it('shows the version, the database path and the runtime', () => {
    const box = aboutMessageBox({
      name: 'SeqLab',
      version: '0.1.0',
      databasePath: '/home/ada/.config/SeqLab/seqlab.db',
      versions: { electron: '45.5.0', chrome: '142.0', node: '22.20.0' },
    });
    expect(box).toMatchObject({ type: 'info', title: 'About SeqLab', message: 'SeqLab 0.1.0', buttons: [...ABOUT_BUTTONS] });
    expect(box.detail).toContain('Database: /home/ada/.config/SeqLab/seqlab.db');
    expect(box.detail).toContain('Electron 45.5.0, Chrome 142.0, Node 22.20.0');
  });
});
