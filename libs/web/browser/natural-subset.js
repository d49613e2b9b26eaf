// The parts of natural that Mimo's tokenizer uses, without the rest of natural (its corpora read files).
const { RegexpTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer');
const { words: stopwords } = require('natural/lib/natural/util/stopwords');
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer');

module.exports = { RegexpTokenizer, stopwords, PorterStemmer };
