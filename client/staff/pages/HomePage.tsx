import { useEffect } from 'react';
import { BASE, Link, navigate, type Match } from '../router';
import { useSession } from '../session';
import { CampaignListPage } from './CampaignListPage';
import { SetupPanel } from '../components/admin/SetupPanel';
import '../components/fieldwork.css';
import './admin.css';

/**
 * The workspace's start page depends on the role: analysts see their
 * undersökningar, screeners their kartläggningsmånad, county viewers the
 * comparison of their län.
 */
export function HomePage(_props: { match: Match }) {
  const { me, refresh } = useSession();
  const has = (role: string) => me.roles.some((grant) => grant.role === role);
  const lanKod = me.roles.find((grant) => grant.role === 'county_viewer' && grant.lanKod)?.lanKod;
  // An admin's first start: asked once which kommun the installation serves, before anything else.
  const setup = me.setupNeeded ? <SetupPanel onDone={() => void refresh()} /> : null;
  const target = setup ? undefined : has('analyst') ? undefined : has('screener') ? `${BASE}/kartlaggning` : lanKod ? `${BASE}/lan/${lanKod}` : undefined;

  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);

  if (target) return null;
  if (!has('analyst')) {
    return (
      <section>
        <h1>Välkommen</h1>
        {setup}
        {has('admin') ? (
          <p>
            Du är administratör. Konton, roller och kommunens inställningar finns under <Link to={`${BASE}/admin`}>Administration</Link>.
          </p>
        ) : (
          <p>Ditt konto har ännu ingen roll i någon kommun. Be en administratör att ge dig behörighet.</p>
        )}
      </section>
    );
  }
  return (
    <>
      {setup}
      <CampaignListPage />
    </>
  );
}
