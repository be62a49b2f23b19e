import { app, BrowserWindow, dialog } from 'electron';
import { basename, join } from 'node:path';
import type { SavePathRequest } from '../core/ports.ts';

/** The system "Save as" dialog, attached to Hotline's window; null when the operator cancels. */
export async function chooseSavePath({ defaultName, filters }: SavePathRequest): Promise<string | null> {
  const options = { defaultPath: join(app.getPath('documents'), basename(defaultName)), filters };
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}
