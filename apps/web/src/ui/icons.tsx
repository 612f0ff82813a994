/** Line icons drawn inline: no icon font and no emoji, so they look the same on every system. */
const PATHS = {
  clip: 'M21 11.5 12.5 20a5 5 0 0 1-7-7L14 4.5a3.3 3.3 0 0 1 4.7 4.7L10.2 17.7a1.7 1.7 0 0 1-2.4-2.4L15.5 7.6',
  clock: 'M12 7v5l3 2M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Z',
  chat: 'M4 5h16v11H9l-5 4z',
  plane: 'M21 4 3 11l6 2 2 6 3-4 5 4z M9 13l12-9',
  mail: 'M3 6h18v12H3z M3 7l9 6 9-6',
  phone: 'M5 4h4l2 5-3 2a12 12 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 6a2 2 0 0 1 2-2',
  sms: 'M4 5h16v11H9l-5 4z M8 10h.01 M12 10h.01 M16 10h.01',
  plug: 'M9 3v5 M15 3v5 M6 8h12v3a6 6 0 0 1-12 0z M12 17v4',
  vk: 'M4 7c1 6 4 10 9 10v-3c2 0 3 2 4 3h3c-1-2-3-4-4-5 1-1 3-3 4-5h-3c-1 2-2 3-4 4V7h-3v7c-2-1-3-3-3-7z',
  filter: 'M4 5h16l-6 8v5l-4 2v-7z',
  inbox: 'M3 13h5l1 3h6l1-3h5 M5 5h14l2 8v6H3v-6z',
  board: 'M4 4h4v16H4z M10 4h4v10h-4z M16 4h4v13h-4z',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z M4 21a8 8 0 0 1 16 0',
  building: 'M4 21V5l8-2v18 M12 9h8v12 M7 8h2 M7 12h2 M7 16h2 M15 13h2 M15 17h2 M2 21h20',
  bot: 'M12 2v3 M5 8h14v11H5z M9 13h.01 M15 13h.01 M9 16h6 M2 12h3 M19 12h3',
  chart: 'M3 3v18h18 M7 15l4-4 3 3 5-6',
  settings: 'M12 9a3 3 0 1 0 0 6 3 3 0 1 0 0-6z M12 2v3 M12 19v3 M4.9 4.9l2.1 2.1 M17 17l2.1 2.1 M2 12h3 M19 12h3 M4.9 19.1L7 17 M17 7l2.1-2.1',
  check: 'M5 12l5 5L20 7',
  alert: 'M12 8v5 M12 16h.01 M10.3 3.9 2 18a2 2 0 0 0 1.7 3h16.6a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0',
  back: 'M15 6l-6 6 6 6',
  close: 'M6 6l12 12 M18 6 6 18',
  note: 'M5 4h10l4 4v12H5z M15 4v4h4 M8 12h8 M8 16h5',
  logout: 'M15 4h4v16h-4 M10 8l-4 4 4 4 M6 12h10',
  ticket: 'M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4z M14 7v10',
  megaphone: 'M3 10v4h4l8 4V6L7 10z M18 9a4 4 0 0 1 0 6 M7 14l1 5h3l-1-4',
  book: 'M4 4h7a3 3 0 0 1 3 3v13a2 2 0 0 0-2-2H4z M20 4h-4a2 2 0 0 0-2 2 M20 4v14h-6',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, title }: { name: IconName; size?: number; title?: string }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
    >
      {title ? <title>{title}</title> : null}
      <path d={PATHS[name]} />
    </svg>
  );
}
