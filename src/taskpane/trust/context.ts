import { createContext, useContext } from "react";
import type { PaneTrust } from "./pane-trust";

/** The pane's PaneTrust, given by App to every page that writes or checks the log. */
export const TrustContext = createContext<PaneTrust | undefined>(undefined);

export function useTrust(): PaneTrust {
  const trust = useContext(TrustContext);
  if (!trust) throw new Error("useTrust outside TrustContext");
  return trust;
}
