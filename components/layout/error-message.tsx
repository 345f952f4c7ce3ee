import Link from "next/link";
import { StatusMessage } from "./status-message";

/** No error details: a server error reaches the browser only as a digest, which belongs in the logs. */
export function ErrorMessage({ retry }: { retry: () => void }) {
  return (
    <StatusMessage
      title="Something went wrong"
      actions={
        <>
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
          <Link href="/" className="button button-secondary">
            Back to the shop
          </Link>
        </>
      }
    >
      <p>Sorry, this page didn’t load. Please try again in a moment.</p>
    </StatusMessage>
  );
}
