import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ScriptNamesSection } from '../../../src/renderer/src/features/scripts/ScriptNamesSection.tsx';
import { installFakeBridge, ok } from '../fake-bridge.ts';
import { initialState, renderWithApp } from '../render-app.tsx';

describe('Settings → names in the scripts', () => {
  it('saves the company and operator names and the built-in switch, never IT’s scripts', async () => {
    const bridge = installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'settings:update': () => ok({}),
    });
    await renderWithApp(<ScriptNamesSection />, initialState());
    expect(screen.getByText(/Fills \{\{company\.name\}\}/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Company name, as operators say it'), {
      target: { value: 'TeleCom Plus' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: /built-in scripts/ }));
    fireEvent.submit(screen.getByRole('form', { name: 'Names in the scripts' }));
    await waitFor(() =>
      expect(bridge.invoke).toHaveBeenCalledWith('settings:update', {
        patch: { scripts: { companyName: 'TeleCom Plus', operatorName: '', builtIn: false } },
      }),
    );
  });

  it('a name longer than the limit is refused next to the field', async () => {
    const bridge = installFakeBridge({
      'call:list': () => ok({ calls: [] }),
      'settings:update': () => ok({}),
    });
    await renderWithApp(<ScriptNamesSection />, initialState());
    const field = screen.getByLabelText('Your name in the scripts');
    // maxLength stops typing; a pasted value is still checked by the schema before saving.
    field.removeAttribute('maxlength');
    fireEvent.change(field, { target: { value: 'x'.repeat(200) } });
    fireEvent.submit(screen.getByRole('form', { name: 'Names in the scripts' }));
    await waitFor(() => expect(screen.getByRole('form').querySelector('[aria-invalid="true"]')).toBeTruthy());
    expect(bridge.invoke).not.toHaveBeenCalledWith('settings:update', expect.anything());
  });
});
