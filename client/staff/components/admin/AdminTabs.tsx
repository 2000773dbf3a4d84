import { Link, usePathname } from '../../router';
import { ADMIN_PATH, AUDIT_PATH } from '../../pages/admin-api';

/** The administration's two pages. */
export function AdminTabs() {
  const pathname = usePathname().replace(/\/+$/, '');
  const tabs = [
    { to: ADMIN_PATH, label: 'Kommun och konton' },
    { to: AUDIT_PATH, label: 'Granskningslogg' },
  ];
  return (
    <nav className="step-nav" aria-label="Administration">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <Link to={tab.to} aria-current={pathname === tab.to ? 'page' : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
