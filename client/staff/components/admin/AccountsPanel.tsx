import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AdminUser, CreatedUser, InviteLink, KommunInfo, ResetPassword, RoleGrantInput } from '../../../../contracts/admin';
import { api, errorMessage } from '../../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { formatDateTime, grantInput, grantText } from '../../pages/admin-api';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { GrantsEditor, useUnits } from './GrantsEditor';

/** A password or link shown once, with a copy button. */
function OneTimeSecret({ secret, onClose }: { secret: { title: string; value: string; kind: 'password' | 'link' }; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret.value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="notice one-time-secret" role="status" data-testid="one-time-secret">
      <p>
        <strong>{secret.title}</strong> Visas bara nu; spara eller skicka det {secret.kind === 'link' ? 'på ett säkert sätt' : 'till personen på ett säkert sätt (inte i samma e-post som adressen)'}.
      </p>
      <p className="secret-value">
        <code data-testid="secret-value">{secret.value}</code>
      </p>
      <div className="button-row">
        <button type="button" className="secondary small-button" onClick={() => void copy()}>
          {copied ? 'Kopierat' : 'Kopiera'}
        </button>
        <button type="button" className="link-button" onClick={onClose}>
          Stäng
        </button>
      </div>
    </div>
  );
}

type Secret = { title: string; value: string; kind: 'password' | 'link' };
const inviteUrl = (invite: InviteLink) => `${location.origin}${invite.path}`;

/** Accounts: list with roles, scopes and last login; invite; change roles and name; disable; reset a password. */
export function AccountsPanel({ kommuner, allKommuner, defaultKommun }: { kommuner: readonly KommunInfo[]; allKommuner: readonly KommunInfo[]; defaultKommun: string }) {
  const users = useApi<AdminUser[]>('/api/admin/users');
  const [secret, setSecret] = useState<Secret>();
  const [editing, setEditing] = useState<AdminUser>();
  const [confirm, setConfirm] = useState<{ user: AdminUser; action: 'disable' | 'enable' | 'password' }>();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const [showLinks, setShowLinks] = useState(false);
  const { me } = useSession();
  const id = useId();
  const list = users.state === 'ready' ? users.data : [];
  const units = useUnits([...new Set(list.flatMap((u) => u.roles.filter((r) => r.role === 'screener' && r.kommunkod).map((r) => r.kommunkod!)))]);
  const names = { kommuner: allKommuner, units: Object.values(units).flat() };
  const shown = list.filter((u) => showLinks || u.kind === 'staff');

  const runConfirmed = async () => {
    if (!confirm) return;
    const { user, action } = confirm;
    setBusy(true);
    try {
      if (action === 'password') {
        const reset = await api<ResetPassword>('POST', `/api/admin/users/${user.id}/password`);
        setSecret({ title: `Nytt lösenord för ${user.email}:`, value: reset.password, kind: 'password' });
        setMessage(undefined);
      } else {
        await api<AdminUser>('PATCH', `/api/admin/users/${user.id}`, { disabled: action === 'disable' });
        setMessage({ kind: 'ok', text: action === 'disable' ? `${user.displayName} är avstängd och utloggad.` : `${user.displayName} är aktiverad igen.` });
      }
      users.reload();
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(caught) });
    } finally {
      setBusy(false);
      setConfirm(undefined);
    }
  };

  const newLink = async (user: AdminUser) => {
    try {
      const invite = await api<InviteLink>('POST', `/api/admin/users/${user.id}/invite`);
      setSecret({ title: `Ny inbjudningslänk för ${user.email} (giltig till ${formatDateTime(invite.expiresAt)}):`, value: inviteUrl(invite), kind: 'link' });
      users.reload();
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(caught) });
    }
  };

  return (
    <>
      <InviteForm
        kommuner={kommuner}
        allKommuner={allKommuner}
        defaultKommun={defaultKommun}
        onCreated={(created, email) => {
          setSecret(
            created.invite
              ? { title: `Inbjudningslänk för ${email} (giltig till ${formatDateTime(created.invite.expiresAt)}):`, value: inviteUrl(created.invite), kind: 'link' }
              : { title: `Lösenord för ${email}:`, value: created.password ?? '', kind: 'password' },
          );
          setMessage(undefined);
          users.reload();
        }}
      />
      {secret && <OneTimeSecret secret={secret} onClose={() => setSecret(undefined)} />}
      <section className="panel" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>Konton</h2>
        {message && (
          <p className={message.kind === 'ok' ? 'notice' : 'error-box'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="accounts-message">
            {message.text}
          </p>
        )}
        <label className="check">
          <input type="checkbox" checked={showLinks} onChange={(e) => setShowLinks(e.target.checked)} />
          <span>Visa också konton för enhetslänkar (kartläggningsmånad med PIN-kod)</span>
        </label>
        {users.state === 'loading' && <p role="status">Hämtar konton…</p>}
        {users.state === 'error' && (
          <p className="error-box" role="alert">
            {users.message}
          </p>
        )}
        {users.state === 'ready' && (
          <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
            <table className="data-table accounts-table stacked-table" data-testid="accounts-table">
              <caption id={`${id}-caption`} className="visually-hidden">
                Konton med roller och senaste inloggning
              </caption>
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">Roller</th>
                  <th scope="col">Status</th>
                  <th scope="col">Senaste inloggning</th>
                  <th scope="col">Åtgärder</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((user) => (
                  <tr key={user.id} data-testid="account-row" data-email={user.email}>
                    <th scope="row">
                      {user.displayName}
                      <span className="account-email">{user.email}</span>
                    </th>
                    <td data-label="Roller">
                      {user.roles.length === 0 ? (
                        <span className="muted">inga</span>
                      ) : (
                        <ul className="plain-list">
                          {user.roles.map((grant) => (
                            <li key={`${grant.role}-${grant.kommunkod}-${grant.unitId}-${grant.lanKod}`}>{grantText(grant, names)}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td data-label="Status" data-testid="account-status">{user.disabled ? 'Avstängd' : user.invitePending ? 'Inbjuden' : 'Aktiv'}</td>
                    <td data-label="Senaste inloggning">{formatDateTime(user.lastLoginAt)}</td>
                    <td>
                      {user.kind === 'staff' ? (
                        <div className="row-actions">
                          <button type="button" className="secondary small-button" onClick={() => setEditing(user)} data-testid="account-edit">
                            Ändra
                          </button>
                          <button
                            type="button"
                            className="secondary small-button"
                            onClick={() => setConfirm({ user, action: user.disabled ? 'enable' : 'disable' })}
                            data-testid={user.disabled ? 'account-enable' : 'account-disable'}
                          >
                            {user.disabled ? 'Aktivera' : 'Stäng av'}
                          </button>
                          {user.id !== me.user.id && (
                            <button type="button" className="secondary small-button" onClick={() => setConfirm({ user, action: 'password' })}>
                              Nytt lösenord
                            </button>
                          )}
                          {user.invitePending && !user.disabled && (
                            <button type="button" className="secondary small-button" onClick={() => void newLink(user)}>
                              Ny inbjudningslänk
                            </button>
                          )}
                        </div>
                      ) : (
                        <span className="muted">PIN-kod byts i kartläggningsmånaden</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editing && (
        <EditAccountDialog
          user={editing}
          kommuner={kommuner}
          allKommuner={allKommuner}
          defaultKommun={defaultKommun}
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) {
              setMessage({ kind: 'ok', text: `${saved.displayName} är ändrad.` });
              users.reload();
            }
          }}
        />
      )}
      <ConfirmDialog
        open={confirm !== undefined}
        title={confirm?.action === 'disable' ? 'Stäng av kontot?' : confirm?.action === 'enable' ? 'Aktivera kontot?' : 'Sätta ett nytt lösenord?'}
        confirmLabel={confirm?.action === 'disable' ? 'Stäng av' : confirm?.action === 'enable' ? 'Aktivera' : 'Sätt nytt lösenord'}
        danger={confirm?.action === 'disable'}
        busy={busy}
        onConfirm={() => void runConfirmed()}
        onCancel={() => setConfirm(undefined)}
      >
        {confirm?.action === 'disable' && (
          <p>
            {confirm.user.displayName} ({confirm.user.email}) loggas ut direkt och kan inte logga in igen förrän kontot aktiveras.
            {confirm.user.id === me.user.id ? ' Det är ditt eget konto.' : ''}
          </p>
        )}
        {confirm?.action === 'enable' && <p>{confirm.user.displayName} kan logga in igen med sitt lösenord.</p>}
        {confirm?.action === 'password' && <p>Det gamla lösenordet slutar gälla och alla inloggningar för {confirm.user.email} avslutas. Det nya lösenordet visas en gång.</p>}
      </ConfirmDialog>
    </>
  );
}

function InviteForm({
  kommuner,
  allKommuner,
  defaultKommun,
  onCreated,
}: {
  kommuner: readonly KommunInfo[];
  allKommuner: readonly KommunInfo[];
  defaultKommun: string;
  onCreated: (created: CreatedUser, email: string) => void;
}) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [kommunkod, setKommunkod] = useState(defaultKommun);
  const [grants, setGrants] = useState<RoleGrantInput[]>([]);
  const [invite, setInvite] = useState<'link' | 'password'>('link');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !displayName.trim()) return setError('Fyll i e-postadress och namn.');
    if (grants.length === 0) return setError('Ge kontot minst en roll (Lägg till rollen).');
    setBusy(true);
    setError(undefined);
    try {
      const created = await api<CreatedUser>('POST', '/api/admin/users', { email: email.trim(), displayName: displayName.trim(), kommunkod, roles: grants, invite });
      onCreated(created, created.email);
      setEmail('');
      setDisplayName('');
      setGrants([]);
      setFormKey((k) => k + 1);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`} noValidate data-testid="invite-form">
      <h2 id={`${id}-heading`}>Bjud in ett konto</h2>
      <div className="field-grid">
        <div className="field">
          <label htmlFor={`${id}-email`}>E-postadress</label>
          <input id={`${id}-email`} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="invite-email" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Namn</label>
          <input id={`${id}-name`} autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} data-testid="invite-name" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kommun`}>Hemkommun</label>
          <select id={`${id}-kommun`} value={kommunkod} onChange={(e) => setKommunkod(e.target.value)}>
            {kommuner.map((k) => (
              <option key={k.kod} value={k.kod}>
                {k.namn}
              </option>
            ))}
          </select>
        </div>
      </div>
      <GrantsEditor key={formKey} grants={grants} onChange={setGrants} kommuner={kommuner} allKommuner={allKommuner} defaultKommun={kommunkod} />
      <fieldset>
        <legend>Hur får personen tillgång?</legend>
        <label className="check">
          <input type="radio" name={`${id}-invite`} checked={invite === 'link'} onChange={() => setInvite('link')} data-testid="invite-by-link" />
          <span>
            <strong>Engångslänk</strong>: personen väljer själv sitt lösenord (länken gäller i 7 dagar)
          </span>
        </label>
        <label className="check">
          <input type="radio" name={`${id}-invite`} checked={invite === 'password'} onChange={() => setInvite('password')} data-testid="invite-by-password" />
          <span>
            <strong>Genererat lösenord</strong> som visas en gång
          </span>
        </label>
      </fieldset>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy} data-testid="invite-submit">
          {busy ? 'Skapar…' : 'Skapa kontot'}
        </button>
      </div>
    </form>
  );
}

function EditAccountDialog({
  user,
  kommuner,
  allKommuner,
  defaultKommun,
  onClose,
}: {
  user: AdminUser;
  kommuner: readonly KommunInfo[];
  allKommuner: readonly KommunInfo[];
  defaultKommun: string;
  onClose: (saved?: AdminUser) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [grants, setGrants] = useState<RoleGrantInput[]>(user.roles.map(grantInput));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onClose(await api<AdminUser>('PATCH', `/api/admin/users/${user.id}`, { displayName: displayName.trim(), roles: grants }));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      className="confirm-dialog account-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      data-testid="account-dialog"
    >
      <h2 id={`${id}-title`}>Ändra {user.email}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Namn</label>
        <input id={`${id}-name`} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </div>
      <GrantsEditor grants={grants} onChange={setGrants} kommuner={kommuner} allKommuner={allKommuner} defaultKommun={user.kommunkod || defaultKommun} />
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void save()} disabled={busy} data-testid="account-save">
          {busy ? 'Sparar…' : 'Spara'}
        </button>
        <button type="button" className="secondary" onClick={() => onClose()}>
          Avbryt
        </button>
      </div>
    </dialog>
  );
}
