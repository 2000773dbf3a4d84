import { useEffect } from 'react';
import { BASE, navigate, type Match } from '../router';
import { useSession } from '../session';
import { CampaignListPage } from './CampaignListPage';

/**
 * The workspace's start page depends on the role: analysts see their
 * undersökningar, screeners their kartläggningsmånad, county viewers the
 * comparison of their län.
 */
export function HomePage(_props: { match: Match }) {
  const { me } = useSession();
  const has = (role: string) => me.roles.some((grant) => grant.role === role);
  const lanKod = me.roles.find((grant) => grant.role === 'county_viewer' && grant.lanKod)?.lanKod;
  const target = has('analyst') ? undefined : has('screener') ? `${BASE}/kartlaggning` : lanKod ? `${BASE}/lan/${lanKod}` : undefined;

  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);

  if (target) return null;
  if (!has('analyst')) {
    return (
      <section>
        <h1>Välkommen</h1>
        <p>Ditt konto har ännu ingen roll i någon kommun. Be en administratör att ge dig behörighet.</p>
      </section>
    );
  }
  return <CampaignListPage />;
}
