// The site (Astro) arrives with the site issue; until then there is nothing to configure.
export default {};
