-- Hand-written data purge (issue 7, item 7): provider subjects were stored in plain text and may be
-- personal ID numbers. Forget them all; the next VNeID sign-in links the account again by the
-- personal-ID match and stores only the keyed hash (next migration).
DELETE FROM "oidc_identities";
