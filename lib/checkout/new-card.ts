/** The card picker's value for "Pay with a new card" (Bolt's ids never look like this). */
export const NEW_CARD = "new-card";
