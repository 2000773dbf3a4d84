import { BASE, Link } from '../router';

export function NotFoundPage() {
  return (
    <>
      <h1>Sidan finns inte</h1>
      <p>
        <Link to={`${BASE}/`}>Till undersökningarna</Link>
      </p>
    </>
  );
}
