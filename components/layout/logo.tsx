/** The larkspur sprig; the same mark as `app/icon.svg`. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#2e5245" />
      <path d="M16 26.5V10" stroke="#f7f4ef" strokeWidth="1.8" strokeLinecap="round" />
      <g fill="#c9b8ee">
        <circle cx="16" cy="7.5" r="2.6" />
        <circle cx="12.4" cy="11.6" r="2.3" />
        <circle cx="19.6" cy="13.4" r="2.3" />
        <circle cx="12.6" cy="17.2" r="2.1" />
        <circle cx="19.4" cy="19.2" r="2" />
      </g>
    </svg>
  );
}
