import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/app/App.tsx';
import { APP_START_HANDLERS, installFakeBridge, ok } from '../fake-bridge.ts';
import { initialState, renderWithApp, statusOf } from '../render-app.tsx';

// A tel:/callto:/sip: link from another program (main keeps it until the page takes it).
function bridgeWithLinks(links: string[]) {
  return installFakeBridge({
    ...APP_START_HANDLERS,
    'contacts:list': () => ok({ items: [], nextCursor: null }),
    'dial:takeLink': () => ok({ target: links.shift() ?? null }),
  });
}

const registered = initialState({
  status: statusOf({ registration: { state: 'registered' }, operator: { state: 'ready' } }),
});

describe('telephone links from other programs', () => {
  it('puts the number in the dial field, with the cursor there, from any screen — and does not dial', async () => {
    const links: string[] = [];
    const bridge = bridgeWithLinks(links);
    await renderWithApp(<App />, registered);
    fireEvent.click(screen.getByRole('button', { name: 'Contacts' }));
    await screen.findByRole('heading', { name: 'Contacts' });

    links.push('+74951234567');
    await act(async () => bridge.emit('dial:link', {}));
    const field = await screen.findByTestId('dial-input');
    await waitFor(() => expect((field as HTMLInputElement).value).toBe('+74951234567'));
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(bridge.invoke.mock.calls.some(([channel]) => channel === 'call:dial')).toBe(false);

    // Taken once: going away and back shows an empty field, not the old link again.
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    fireEvent.click(screen.getByRole('button', { name: 'Workspace' }));
    expect(((await screen.findByTestId('dial-input')) as HTMLInputElement).value).toBe('');
  });

  it('takes the link that started Hotline', async () => {
    bridgeWithLinks(['sip:ivan@pbx.example.ru']);
    await renderWithApp(<App />, registered);
    const field = (await screen.findByTestId('dial-input')) as HTMLInputElement;
    await waitFor(() => expect(field.value).toBe('sip:ivan@pbx.example.ru'));
  });
});
